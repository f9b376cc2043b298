"""接收情况: the site × day grid of a month (received / missing / refused), and per site the
last day received and the working days missing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDateEdit, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from ui.shared.common import UiEnv, error_text

COLORS = {"已收到": "#C6EFCE", "缺失": "#FFC7CE", "被拒绝": "#FFD966", "休息日": "#EDEDED", "未到": "#FFFFFF"}
MARKS = {"已收到": "✓", "缺失": "✗", "被拒绝": "!", "休息日": "", "未到": ""}


class GridTab(QWidget):
    def __init__(self, env: UiEnv, parent=None):
        super().__init__(parent)
        self.env = env
        today = env.ctx.now().date()
        self.month = QDateEdit(QDate(today.year, today.month, 1))
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(False)
        self.month.dateChanged.connect(lambda _d: self.refresh())
        refresh = QPushButton("刷新")
        refresh.clicked.connect(self.refresh)
        legend = QLabel("　".join(f"<span style='background:{c}'>&nbsp;{MARKS[k] or '&nbsp;&nbsp;'}&nbsp;</span> {k}"
                                  for k, c in COLORS.items()))
        top = QHBoxLayout()
        top.addWidget(QLabel("月份"))
        top.addWidget(self.month)
        top.addWidget(refresh)
        top.addStretch(1)
        top.addWidget(legend)
        self.grid = QTableWidget(0, 0)
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.horizontalHeader().setDefaultSectionSize(30)
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setMaximumHeight(150)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.grid, 1)
        layout.addWidget(QLabel("各站点：最后收到的日期、缺失的工作日、被拒绝的文件"))
        layout.addWidget(self.summary)
        self.refresh()

    def month_text(self) -> str:
        d = self.month.date()
        return f"{d.year():04d}-{d.month():02d}"

    def refresh(self) -> None:
        from app import hq

        try:
            first, last = hq.month_range(self.month_text(), self.env.ctx.now().date())
            grid = hq.day_grid(self.env.ctx, first, last)
            status = hq.site_status(self.env.ctx, self.month_text())
            others = hq.unattributed_refusals(self.env.ctx, self.month_text())
        except Exception as exc:
            self.summary.setPlainText(error_text(exc))
            return
        self.show_grid(grid)
        lines = []
        for r in status:
            last_day = f"{r.last_day:%Y-%m-%d}" if r.last_day else "从未收到"
            missing = "、".join(f"{d:%m-%d}" for d in r.missing) or "无"
            lines.append(f"{r.code} {r.name}：最后收到 {last_day}；缺失工作日 {missing}；被拒绝文件 {len(r.refused)} 个")
            lines += [f"    {f.file_name}：{f.message.splitlines()[0]}" for f in r.refused]
        lines += [f"被拒绝（站点未登记或无法识别）{f.file_name}：{f.message.splitlines()[0]}" for f in others]
        self.summary.setPlainText("\n".join(lines) or "尚未收到任何站点的工作簿")

    def show_grid(self, grid) -> None:
        self.grid.clear()
        self.grid.setRowCount(len(grid.sites))
        self.grid.setColumnCount(len(grid.days))
        self.grid.setHorizontalHeaderLabels([f"{d.day}" for d in grid.days])
        self.grid.setVerticalHeaderLabels([f"{code} {name}" for code, name in grid.sites])
        for i, (code, _name) in enumerate(grid.sites):
            for j, d in enumerate(grid.days):
                state = grid.state(code, d)
                item = QTableWidgetItem(MARKS[state])
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setBackground(QBrush(QColor(COLORS[state])))
                item.setToolTip(f"{code} {d:%Y-%m-%d}：{state}")
                item.setData(Qt.ItemDataRole.UserRole, state)
                self.grid.setItem(i, j, item)

    def state_at(self, code: str, day: date) -> str | None:
        """What the grid shows for a site and a day (for tests and tooltips)."""
        for i in range(self.grid.rowCount()):
            if self.grid.verticalHeaderItem(i).text().split(" ")[0] == code:
                item = self.grid.item(i, day.day - 1)
                return item.data(Qt.ItemDataRole.UserRole) if item else None
        return None
