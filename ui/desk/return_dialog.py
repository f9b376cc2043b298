"""归还: the item comes back; the fee and the refund are shown before the receptionist confirms."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app import desk
from ui.shared.common import UiEnv
from ui.shared.form_dialog import FormDialog, combo


class ReturnDialog(FormDialog):
    def __init__(self, env: UiEnv, loan: desk.LoanRow, parent: QWidget | None = None):
        super().__init__(f"归还 {loan.item_name} {loan.item_no}", parent, save_text="确认归还")
        self.env = env
        self.loan = loan
        self.set_intro(f"借用单 {loan.number}　{loan.borrower}{' ' + loan.unit_no if loan.unit_no else ''}　"
                       f"借出 {loan.lent_at:%m-%d %H:%M}　押金 {desk.yuan(loan.deposit_fen)} 元（收据 "
                       f"{loan.deposit_receipt or '无'}）")
        self.condition = self.add_row("归还状况", combo([c.value for c in desk.ItemCondition]), "condition")
        self.compensation = self.add_row("赔偿金额（元）", QLineEdit(), "compensation")
        self.compensation.setPlaceholderText("损坏或丢失时填写")
        self.receipt = self.add_row("退款凭证号", QLineEdit(loan.deposit_receipt or ""), "refund_receipt")
        self.quote = QLabel()
        self.quote.setObjectName("quote")
        self.quote.setWordWrap(True)
        self.add_row("费用", self.quote)
        self.compensation.textChanged.connect(lambda _t: self.update_quote())
        self.update_quote()
        self.condition.setFocus()

    def _compensation_fen(self) -> int:
        return desk.to_fen("赔偿金额", self.compensation.text(), key="compensation", required=False) or 0

    def update_quote(self) -> None:
        try:
            extra = self._compensation_fen()
        except Exception:  # noqa: BLE001 - the amount is checked again on save
            extra = 0
        q = desk.quote_return(self.loan, self.env.ctx.now(), extra)
        text = (f"已借 {q.minutes // 60} 小时 {q.minutes % 60} 分，计费 {q.charged_hours} 小时，"
                f"借用费 {desk.yuan(q.fee_fen)} 元，退还押金 {desk.yuan(q.refund_fen)} 元")
        if q.to_pay_fen:
            text += f"，另需补交 {desk.yuan(q.to_pay_fen)} 元"
        self.quote.setText(text)

    def save(self):
        return desk.return_item(self.env.ctx, self.loan.uuid, expected_version=self.loan.version,
                                condition=self.condition.currentText(), refund_receipt=self.receipt.text(),
                                compensation_fen=self._compensation_fen())
