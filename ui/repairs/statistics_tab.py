"""报表与导出 → 维修统计: the month's repairs by category: on-time rate, follow-up rate,
satisfaction (beside the complaint statistics)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from app import repairs
from ui.shared.common import Dialogs, UiEnv
from ui.shared.report_parts import summary_label, year_month_spins
from ui.shared.rows_table_model import Column, RowsTableModel

TITLE = "维修统计"
ORDER = 31


def pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


COLUMNS = [
    Column("类别", lambda r: r.category),
    Column("报修", lambda r: r.received, align_right=True),
    Column("不予受理", lambda r: r.declined, align_right=True),
    Column("完工", lambda r: r.completed, align_right=True),
    Column("按时完工", lambda r: r.on_time, align_right=True),
    Column("超时", lambda r: r.overdue, align_right=True),
    Column("按时完成率", lambda r: pct(r.on_time_rate), align_right=True),
    Column("已回访", lambda r: r.followed_up, align_right=True),
    Column("回访率", lambda r: pct(r.follow_up_rate), align_right=True),
    Column("需回访", lambda r: r.follow_up_required, align_right=True),
    Column("需回访完成率", lambda r: pct(r.required_follow_up_rate), align_right=True),
    Column("满意", lambda r: r.satisfied, align_right=True),
    Column("较满意", lambda r: r.fairly_satisfied, align_right=True),
    Column("不满意", lambda r: r.dissatisfied, align_right=True),
    Column("满意度", lambda r: pct(r.satisfaction_rate), align_right=True),
    Column("材料及费用（元）", lambda r: f"{r.cost:.2f}", align_right=True),
]


class RepairStatsTableModel(RowsTableModel):
    """One row per category, then 合计 (bold)."""

    def __init__(self, parent=None):
        super().__init__(COLUMNS, parent, key="category")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.FontRole and index.isValid() and index.row() == self.rowCount() - 1:
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


class Tab(QWidget):
    loaded = Signal()

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.data = None
        self.year, self.month = year_month_spins(env.ctx.now().date())
        self.show_button = QPushButton("统计")
        self.show_button.clicked.connect(self.refresh)
        self.summary = summary_label()
        self.model = RepairStatsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        note = QLabel("口径：当月报修（按报修时间，作废的不计）；按时完成率 = 完工中未超时的比例；回访率 = 完工中已回访的比例；"
                      "需回访 = 渗漏水、安全设施等必访类别及抽中的工单；满意度 = 当月维修回访中 满意 + 较满意 的比例。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        bar = QHBoxLayout()
        for w in (QLabel("月份"), self.year, self.month, self.show_button):
            bar.addWidget(w)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)

    def refresh(self) -> None:
        self.show_button.setEnabled(False)
        self.env.runner.submit(repairs.month_statistics, self.env.ctx, self.year.value(), self.month.value(),
                               on_done=self._show, on_error=self._failed, label="维修统计")

    def _failed(self, exc) -> None:
        self.show_button.setEnabled(True)
        Dialogs.error(self, exc)

    def _show(self, data) -> None:
        self.show_button.setEnabled(True)
        self.data = data
        t = data.total
        self.summary.setText(
            f"<b>{data.year}年{data.month}月</b>　报修 {t.received} 单，完工 {t.completed} 单，"
            f"按时完成率 {pct(t.on_time_rate)}，回访率 {pct(t.follow_up_rate)}"
            f"（需回访 {t.follow_up_required} 单，已回访 {t.required_followed_up} 单），满意度 {pct(t.satisfaction_rate)}；"
            f"目前未完工 {data.open_now} 单，其中超时 {data.late_now} 单")
        self.model.set_rows(list(data.rows) + [t])
        self.table.resizeColumnsToContents()
        self.loaded.emit()
