"""The day's round (装修巡查): every unit under renovation, by building, with the units not
inspected today, not inspected for two days or more, and with overdue notices highlighted;
the visit entry on the right.

Keyboard: ↑/↓ choose a unit, Enter starts its visit; after Ctrl+Enter the next unit not yet
inspected today is selected and its visit begins. F5 refreshes, Ctrl+P prints ZX-01.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from app import renovation as reno
from ui.shared.common import Dialogs, UiEnv
from ui.shared.print_preview import preview_form
from ui.renovation.visit_panel import VisitPanel
from ui.shared.rows_table_model import (
    AMBER_BG,
    GREEN,
    RED,
    RED_BG,
    Column,
    RowStyle,
    RowsTableModel,
    rows_table_view,
)


def _today(item) -> str:
    if item.visits_today:
        return "、".join(f"{v.inspected_at:%H:%M} {v.site_state}" for v in item.visits_today)
    return ""


def _notices(item) -> str:
    if not item.open_notices:
        return ""
    return f"{item.open_notices} 份" + (f"（逾期 {item.overdue_notices}）" if item.overdue_notices else "")


COLUMNS = [
    Column("楼栋", lambda r: f"{r.building}栋"),
    Column("房号", lambda r: r.unit_no),
    Column("提示", lambda r: r.flag_text),
    Column("今日巡查", _today),
    Column("上次巡查", lambda r: (f"{r.last_visit_at:%m-%d %H:%M} {r.last_state or ''} {r.last_progress or ''}".strip()
                              if r.last_visit_at else "从未巡查")),
    Column("整改通知", _notices),
    Column("噪音投诉", lambda r: r.noise_complaints or ""),
    Column("业主", lambda r: r.owner),
    Column("施工单位", lambda r: r.contractor),
    Column("负责人", lambda r: f"{r.manager} {r.manager_phone}"),
    Column("许可证号", lambda r: r.permit_no),
    Column("计划完工", lambda r: r.planned_end_date),
]


def round_style(item) -> RowStyle | None:
    if item.overdue_notices:
        return RowStyle(fg=RED, bg=RED_BG, bold=True)
    if item.stale:
        return RowStyle(bg=AMBER_BG, bold=True)
    if not item.visited_today:
        return RowStyle(bold=True)
    return RowStyle(fg=GREEN)


class RoundList(QWidget):
    visit_saved = Signal(object)

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = env.ctx.now().date()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.summary = QLabel()
        self.summary.setObjectName("round_summary")
        self.print_button = QPushButton("打印巡查记录表 (ZX-01)")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_round)
        self.refresh_button = QPushButton("刷新")
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(QLabel("巡查日期"))
        top.addWidget(self.day)
        top.addWidget(self.summary, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.refresh_button)

        self.model = RowsTableModel(COLUMNS, self, style=round_style, key="renovation_uuid")
        self.table = rows_table_view(self.model, "round_table")
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(lambda _i: self.panel.start())

        self.panel = VisitPanel(env, self)
        self.panel.visit_saved.connect(self._saved)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.panel.setMaximumWidth(460)
        legend = QLabel("<span style='background:#fdecea;color:#c62828'>&nbsp;红：整改逾期&nbsp;</span>　"
                        "<span style='background:#fff4d6'>&nbsp;黄：两天以上未巡查&nbsp;</span>　"
                        "<b>粗体：今日未巡查</b>　<span style='color:#2e7d32'>绿：今日已巡查</span>　"
                        "↑↓ 选择，Enter 开始登记，Ctrl+Enter 保存")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(legend)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.print_round,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def selected_day(self):
        return self.day.date().toPython()

    def refresh(self, keep: str | None = None) -> None:
        current = keep or (self.current().renovation_uuid if self.current() else None)
        try:
            items = reno.round_for(self.env.ctx, self.selected_day())
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        self.model.set_rows(items)
        visited = sum(1 for i in items if i.visited_today)
        stale = sum(1 for i in items if i.stale)
        overdue = sum(i.overdue_notices for i in items)
        text = f"在施 {len(items)} 户，已巡查 {visited} 户，未巡查 {len(items) - visited} 户"
        if stale:
            text += f"，两天以上未巡查 {stale} 户"
        if overdue:
            text += f"，<span style='color:#c62828'>整改逾期 {overdue} 份</span>"
        self.summary.setText(text)
        row = self.model.find(current) if current else -1
        if row < 0 and items:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self.panel.set_item(self.model.row_at(row))
        else:
            self.panel.set_item(None)

    def current(self):
        index = self.table.currentIndex()
        return self.model.row_at(index)

    def _row_changed(self, current, _previous) -> None:
        self.panel.set_item(self.model.row_at(current))

    def _saved(self, visit) -> None:
        result = (self.panel.result.text(), self.panel.result.styleSheet(), self.panel.print_notice_button.isVisible())
        self.refresh(keep=visit.renovation_uuid)
        # The next unit not inspected today (after this one, then from the top).
        rows = self.model.rows
        start = self.model.find(visit.renovation_uuid)
        order = list(range(start + 1, len(rows))) + list(range(0, start + 1))
        nxt = next((i for i in order if not rows[i].visited_today), None)
        if nxt is not None:
            self.table.selectRow(nxt)
            self.panel.set_item(rows[nxt])
            self.panel.start()
        else:
            self.table.setFocus()
        self.panel.result.setText(result[0])
        self.panel.result.setStyleSheet(result[1])
        self.panel.print_notice_button.setVisible(result[2])
        self.visit_saved.emit(visit)

    def print_round(self) -> None:
        preview_form(self.env, self, "renovation-round", day=self.selected_day())
