"""有偿服务: today's paid services (or all), 收费 (F2), the order printed (FW-02), 作废 for a 客服主管."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QComboBox, QWidget

from app import desk
from ui.desk.record_list import RecordList
from ui.desk.service_order_dialog import ServiceOrderDialog
from ui.shared.common import UiEnv
from ui.shared.permissions import may
from ui.shared.print_preview import preview_form
from ui.shared.rows_table_model import DIMMED, Column

COLUMNS = [
    Column("服务单号", lambda o: o.number),
    Column("收费时间", lambda o: o.paid_at),
    Column("客户", lambda o: o.customer),
    Column("房号", lambda o: o.unit_no),
    Column("服务项目", lambda o: f"{o.service}×{o.quantity}"),
    Column("金额(元)", lambda o: desk.yuan(o.amount_fen), align_right=True),
    Column("付款方式", lambda o: o.pay_method),
    Column("收据号", lambda o: o.receipt_no),
    Column("维修单", lambda o: o.repair_number),
    Column("状态", lambda o: o.status + ("（已交接）" if o.signed and not o.void_reason else "")),
]
PERIODS = {"今天": 0, "近 7 天": 6, "近 30 天": 29}


class ServiceList(RecordList):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(env, COLUMNS, "services_table", parent,
                         style=lambda o: DIMMED if o.void_reason else None)
        self.period = QComboBox()
        self.period.addItems(list(PERIODS))
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.top.addWidget(self.period)
        self.add_button("收费", self.charge, "F2")
        self.add_button("打印服务单", self.print_order, "Ctrl+P")
        self.add_button("作废", self.void, visible=may(env, "record.void"))
        self.finish_buttons()

    def load(self) -> list:
        today = self.env.ctx.now().date()
        return desk.list_orders(self.env.ctx, today - timedelta(days=PERIODS[self.period.currentText()]), today)

    def after_refresh(self, rows: list) -> None:
        live = [o for o in rows if not o.void_reason]
        self.summary.setText(f"{len(live)} 笔，合计 {desk.yuan(sum(o.amount_fen for o in live))} 元")

    def charge(self) -> None:
        self.open_dialog(ServiceOrderDialog(self.env, self))

    def print_order(self) -> None:
        o = self.need_current("有偿服务单")
        if o is not None:
            preview_form(self.env, self, "service-order", number=o.number)

    def void(self) -> None:
        o = self.need_current("有偿服务单")
        if o is not None:
            self.ask_void("有偿服务单", desk.void_order, o)
