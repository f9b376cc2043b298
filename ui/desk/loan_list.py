"""借用物品: items lent and returned, overdue ones red with a count; 借出 (F2), 归还 (F3), the
register printed (FW-01), 作废 for a 客服主管."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from app import desk
from ui.desk.lend_dialog import LendDialog
from ui.desk.return_dialog import ReturnDialog
from ui.desk.record_list import RecordList
from ui.shared.common import Dialogs, UiEnv
from ui.shared.permissions import may
from ui.shared.print_preview import preview_form
from ui.shared.rows_table_model import DIMMED, LATE, Column

COLUMNS = [
    Column("借用单号", lambda x: x.number),
    Column("物品", lambda x: f"{x.item_name} {x.item_no}"),
    Column("借用人", lambda x: x.borrower),
    Column("房号", lambda x: x.unit_no),
    Column("借出时间", lambda x: x.lent_at),
    Column("应还时间", lambda x: x.due_at),
    Column("押金(元)", lambda x: desk.yuan(x.deposit_fen), align_right=True),
    Column("归还时间", lambda x: x.returned_at),
    Column("借用费(元)", lambda x: desk.yuan(x.fee_fen), align_right=True),
    Column("退还押金(元)", lambda x: desk.yuan(x.refund_fen), align_right=True),
    Column("状态", lambda x: "超时未还" if x.overdue else x.status),
]


def loan_style(x):
    if x.overdue:
        return LATE
    if x.status != desk.LoanStatus.OUT:
        return DIMMED
    return None


class LoanList(RecordList):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(env, COLUMNS, "loans_table", parent, style=loan_style)
        self.out_only = QCheckBox("只看未还")
        self.out_only.setChecked(True)
        self.out_only.toggled.connect(lambda _on: self.refresh())
        self.top.addWidget(self.out_only)
        self.lend_button = self.add_button("借出", self.lend, "F2")
        self.return_button = self.add_button("归还", self.return_selected, "F3")
        self.table.activated.connect(lambda _i: self.return_selected())
        self.add_button("打印登记表", self.print_register, "Ctrl+P")
        self.add_button("作废", self.void, visible=may(env, "record.void"))
        self.finish_buttons()

    def load(self) -> list:
        return desk.list_loans(self.env.ctx, out_only=self.out_only.isChecked())

    def after_refresh(self, rows: list) -> None:
        out = desk.list_loans(self.env.ctx, out_only=True) if not self.out_only.isChecked() else rows
        overdue = sum(1 for x in out if x.overdue)
        text = f"在借 {len(out)} 件"
        if overdue:
            text += f"，<span style='color:#c62828;font-weight:bold'>超时未还 {overdue} 件</span>"
        self.summary.setText(text)
        if rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def lend(self) -> None:
        self.open_dialog(LendDialog(self.env, self))

    def return_selected(self) -> None:
        loan = self.need_current("借用记录")
        if loan is None:
            return
        if loan.status != desk.LoanStatus.OUT:
            Dialogs.info(self, f"借用单 {loan.number} 已{loan.status}")
            return
        self.open_dialog(ReturnDialog(self.env, loan, self))

    def print_register(self) -> None:
        today = self.env.ctx.now().date()
        preview_form(self.env, self, "borrow-register", date_from=today, date_to=today)

    def void(self) -> None:
        loan = self.need_current("借用记录")
        if loan is not None:
            self.ask_void("借用记录", desk.void_loan, loan)
