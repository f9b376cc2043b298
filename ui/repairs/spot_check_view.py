"""回访抽查: the manager's monthly list of repair follow-ups to re-call, with the results."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QWidget, QVBoxLayout

from app.domain.enums import Role
from app import repairs
from ui.shared.common import Dialogs, UiEnv
from ui.repairs.spot_check_dialog import SpotCheckDialog
from ui.repairs.widgets import button, list_table
from ui.shared.rows_table_model import Column, RowsTableModel

COLUMNS = [
    Column("回访时间", lambda r: r.visited_at),
    Column("工单号", lambda r: r.order_number),
    Column("房号", lambda r: r.unit_no),
    Column("受访人", lambda r: r.interviewee),
    Column("联系电话", lambda r: r.phone),
    Column("回访反馈", lambda r: r.feedback),
    Column("回访人", lambda r: r.visitor),
    Column("抽查结果", lambda r: r.result or "待抽查"),
    Column("抽查说明", lambda r: r.note),
    Column("抽查人", lambda r: r.checked_by),
    Column("抽查时间", lambda r: r.checked_at),
]


class SpotCheckView(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.dialog = None
        now = env.ctx.now()
        self.month = QDateEdit(QDate(now.year, now.month, 1))
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        self.month.dateChanged.connect(lambda _d: self.refresh())
        self.info = QLabel()
        manager = env.actor is not None and env.actor.at_least(Role.MANAGER)
        self.draw_button = button("抽取本月回访", self.draw, "按设置的比例随机抽取，种子记录在案可复核")
        self.record_button = button("登记结果", self.record, "选中后按 Enter")
        self.draw_button.setEnabled(manager)
        self.record_button.setEnabled(manager)
        top = QHBoxLayout()
        top.addWidget(QLabel("月份"))
        top.addWidget(self.month)
        top.addWidget(self.info, 1)
        top.addWidget(self.draw_button)
        top.addWidget(self.record_button)
        self.model = RowsTableModel(COLUMNS, self, late=lambda r: r.result == repairs.SpotCheckResult.NOT_CONFIRMED)
        self.table = list_table(self.model)
        self.table.activated.connect(lambda _i: self.record())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def _ym(self) -> tuple[int, int]:
        d = self.month.date()
        return d.year(), d.month()

    def refresh(self) -> None:
        try:
            rows = repairs.spot_check_list(self.env.ctx, *self._ym())
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if rows:
            done = sum(1 for r in rows if r.result)
            self.info.setText(f"共 {rows[0].population} 条维修回访，抽取 {len(rows)} 条（种子 {rows[0].sample_seed}），"
                              f"已抽查 {done} 条")
        else:
            self.info.setText("本月尚未抽取")
        self.draw_button.setEnabled(not rows and self.env.actor.at_least(Role.MANAGER))

    def draw(self) -> None:
        try:
            repairs.draw_spot_check(self.env.ctx, *self._ym())
        except Exception as exc:
            Dialogs.error(self, exc)
        self.refresh()

    def record(self) -> None:
        row = self.model.row_at(self.table.currentIndex())
        if row is None or not self.record_button.isEnabled():
            return
        dlg = SpotCheckDialog(self.env, row, self)
        self.dialog = dlg
        dlg.accepted.connect(self.refresh)
        dlg.finished.connect(lambda _r, d=dlg: setattr(self, "dialog", None) if self.dialog is d else None)
        dlg.open()
