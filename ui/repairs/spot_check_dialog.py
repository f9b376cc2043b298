"""登记抽查结果: the manager re-called the resident; was the follow-up as recorded?"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app import repairs
from ui.shared.common import UiEnv
from ui.shared.form_dialog import FormDialog, TextArea, combo


class SpotCheckDialog(FormDialog):
    def __init__(self, env: UiEnv, row, parent: QWidget | None = None):
        super().__init__("登记抽查结果", parent)
        self.env, self.row = env, row
        self.set_intro(f"工单 {row.order_number or ''} {row.unit_no or ''} {row.interviewee or ''} {row.phone or ''}\n"
                       f"原回访：{row.visited_at:%Y-%m-%d %H:%M} {row.visitor or ''}，反馈 {row.feedback or ''}"
                       if row.visited_at else "")
        self.result = self.add_row("抽查结果", combo([r.value for r in repairs.SpotCheckResult],
                                                     current=row.result), "result")
        self.note = self.add_row("抽查说明", TextArea(3), "note")
        if row.note:
            self.note.setText(row.note)
        self.result.setFocus()

    def save(self):
        return repairs.record_spot_check(self.env.ctx, self.row.uuid, result=self.result.currentText(),
                                         note=self.note.text(), expected_version=self.row.version)
