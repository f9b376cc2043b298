"""新建督导检查: date, inspector, area."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from app import inspections as insp
from ui.shared.action_dialog import ActionDialog
from ui.shared.common import UiEnv
from ui.shared.form_dialog import DateField


class StartDialog(ActionDialog):
    RESULT = "inspection"

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(env, "新建督导检查", parent)
        self.day = DateField(env.ctx.now().date())
        self.inspector = QLineEdit()
        self.area = QLineEdit("客服前台")
        form = QFormLayout()
        form.addRow("检查日期", self.day)
        form.addRow("检查人", self.inspector)
        form.addRow("检查区域", self.area)
        self.finish(form)

    def submit(self):
        return insp.start_inspection(self.env.ctx, inspected_on=self.day.value(), inspector=self.inspector.text(),
                                     area=self.area.text())
