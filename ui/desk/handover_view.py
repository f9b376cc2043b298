"""交接班: the shift open now (money by kind and pay method, the movements, the open items), the
count and the signing over to the next person; the handovers signed before; 日结 for finance."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton, QVBoxLayout, QWidget,
)

from app import desk, reception
from ui.shared.common import Dialogs, UiEnv
from ui.shared.permissions import may
from ui.shared.form_dialog import TextArea, combo
from ui.shared.print_preview import preview_form
from ui.shared.rows_table_model import DIMMED, LATE, Column, RowsTableModel, rows_table_view

MOVES = [
    Column("时间", lambda m: m.at),
    Column("类别", lambda m: m.kind),
    Column("单号", lambda m: m.ref),
    Column("物品/项目", lambda m: m.what),
    Column("客户", lambda m: m.person),
    Column("金额(元)", lambda m: ("-" if m.signed_fen < 0 else "") + desk.yuan(m.amount_fen), align_right=True),
    Column("方式", lambda m: m.pay_method),
    Column("收据号", lambda m: m.receipt),
]
SIGNED = [
    Column("交接时间", lambda h: h.signed_at),
    Column("交班人", lambda h: h.handed_by),
    Column("接班人", lambda h: h.received_by),
    Column("应有现金", lambda h: desk.yuan(h.expected_cash_fen), align_right=True),
    Column("实点现金", lambda h: desk.yuan(h.counted_cash_fen), align_right=True),
    Column("差额", lambda h: desk.yuan(h.difference_fen), align_right=True),
    Column("差异说明", lambda h: h.explanation),
    Column("状态", lambda h: h.status),
]


class HandoverView(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.shift: desk.ShiftData | None = None
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.totals.setWordWrap(True)
        self.totals.setMinimumHeight(self.totals.fontMetrics().lineSpacing() * 3)
        self.moves = RowsTableModel(MOVES, self, key="ref")
        self.moves_view = rows_table_view(self.moves, "moves_table")
        self.items = QListWidget()
        self.receiver = combo([], editable=True)
        self.counted = QLineEdit()
        self.counted.setPlaceholderText("清点后的现金（元）")
        self.explanation = TextArea(2)
        self.remarks = TextArea(2)
        self.sign_button = QPushButton("签字交接")
        self.sign_button.clicked.connect(self.sign)
        form = QFormLayout()
        form.addRow("接班人", self.receiver)
        form.addRow("实点现金（元）", self.counted)
        form.addRow("差异说明", self.explanation)
        form.addRow("备注", self.remarks)
        count_box = QGroupBox("清点与交接")
        count_layout = QVBoxLayout(count_box)
        count_layout.addLayout(form)
        count_layout.addStretch(1)
        row = QHBoxLayout()
        print_shift = QPushButton("打印本班对帐单")
        print_shift.clicked.connect(lambda: preview_form(self.env, self, "shift-handover"))
        row.addWidget(print_shift)
        row.addStretch(1)
        row.addWidget(self.sign_button)
        count_layout.addLayout(row)

        self.signed = RowsTableModel(SIGNED, self, style=lambda h: DIMMED if h.void_reason else
                                     (LATE if h.difference_fen else None))
        self.signed_view = rows_table_view(self.signed, "handovers_table")
        history = QHBoxLayout()
        for text, slot in (("打印所选交接班", self.print_signed), ("日结交财务…", self.close_day),
                           ("打印日结报表", self.print_day)):
            b = QPushButton(text)
            b.setAutoDefault(False)
            b.clicked.connect(slot)
            history.addWidget(b)
        self.void_button = QPushButton("作废所选交接班")
        self.void_button.clicked.connect(self.void)
        self.void_button.setVisible(may(env, "record.void"))
        history.addWidget(self.void_button)
        history.addStretch(1)

        left = QVBoxLayout()
        left.addWidget(QLabel("本班款项"))
        left.addWidget(self.totals)
        left.addWidget(self.moves_view, 2)
        left.addWidget(QLabel("未结事项"))
        left.addWidget(self.items, 1)
        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addWidget(count_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 3)
        layout.addWidget(QLabel("已签字的交接班（近 7 天）"))
        layout.addWidget(self.signed_view, 1)
        layout.addLayout(history)

    def refresh(self) -> None:
        ctx = self.env.ctx
        try:
            self.shift = desk.current_shift(ctx)
            names = [n for n in reception.staff_names(ctx) if n != getattr(ctx.actor, "name", None)]
            today = ctx.now().date()
            handovers = desk.list_handovers(ctx, today - timedelta(days=6), today)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        t = self.shift.totals
        since = f"{self.shift.start:%m-%d %H:%M}" if self.shift.start else "首次交接"
        methods = "；".join(f"{m} {desk.yuan(f)}" for m, f in t.by_method) or "无"
        self.totals.setText(
            f"自 {since} 起：收取押金 {desk.yuan(t.deposits_in_fen)} 元，退还押金 {desk.yuan(t.deposits_out_fen)} 元，"
            f"借用费 {desk.yuan(t.loan_fees_fen)} 元，有偿服务费 {desk.yuan(t.service_fees_fen)} 元。\n"
            f"应有现金 {desk.yuan(t.cash_fen)} 元（按方式：{methods}）；在借押金 {desk.yuan(self.shift.deposits_held_fen)} 元。")
        self.moves.set_rows(list(self.shift.moves))
        self.items.clear()
        self.items.addItems(list(self.shift.open_items) or ["无未结事项"])
        current = self.receiver.currentText()
        self.receiver.clear()
        self.receiver.addItems(names)
        self.receiver.setEditText(current)
        self.signed.set_rows(handovers)

    def sign(self) -> None:
        if self.shift is None:
            return
        try:
            counted = desk.to_fen("实点现金", self.counted.text(), key="counted_cash")
            h = desk.sign_handover(self.env.ctx, received_by=self.receiver.currentText(), counted_cash_fen=counted,
                                   expected_cash_fen=self.shift.totals.cash_fen,
                                   explanation=self.explanation.text(), remarks=self.remarks.text())
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        Dialogs.info(self, f"已交接给 {h.received_by}（{h.signed_at:%H:%M}），本班款项已锁定。")
        for w in (self.counted, self.explanation, self.remarks):
            w.setText("")
        self.refresh()

    def _selected(self):
        index = self.signed_view.currentIndex()
        return self.signed.row_at(index.row()) if index.isValid() else None

    def print_signed(self) -> None:
        h = self._selected()
        if h is None:
            Dialogs.info(self, "请先在列表中选中一次交接班")
            return
        preview_form(self.env, self, "shift-handover", handover=h.uuid)

    def close_day(self) -> None:
        receiver = Dialogs.ask_text(self, "日结交财务", "财务接收人：")
        if receiver is None:
            return
        try:
            r = desk.close_day(self.env.ctx, self.env.ctx.now().date(), received_by=receiver)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        Dialogs.info(self, f"{r.day:%Y-%m-%d} 已日结，现金合计 {desk.yuan(r.cash_fen)} 元交 {r.received_by}。")

    def print_day(self) -> None:
        preview_form(self.env, self, "daily-cash", day=self.env.ctx.now().date())

    def void(self) -> None:
        h = self._selected()
        if h is None:
            return
        reason = Dialogs.ask_text(self, "作废交接班", "作废原因：")
        if reason is None:
            return
        try:
            desk.void_handover(self.env.ctx, h.uuid, reason, expected_version=h.version)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
        self.refresh()
