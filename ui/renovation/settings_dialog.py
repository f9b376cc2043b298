"""装修设置 (客服主管+): the key checks, progress stages and acceptance items, one per line."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout

from app import renovation as reno
from ui.shared.common import UiEnv, error_text


class RenovationSettingsDialog(QDialog):
    def __init__(self, env: UiEnv, parent=None):
        super().__init__(parent)
        self.env = env
        self.setWindowTitle("装修管理设置")
        ctx = env.ctx
        self.edits = {}
        cols = QHBoxLayout()
        for key, label, values in ((reno.KEY_CHECKS.key, "巡查关键检查项", reno.key_checks(ctx)),
                                   (reno.PROGRESS_STAGES.key, "施工进度", reno.progress_stages(ctx)),
                                   (reno.ACCEPTANCE_ITEMS.key, "验收项目", reno.acceptance_items(ctx))):
            box = QVBoxLayout()
            box.addWidget(QLabel(f"{label}（每行一项）"))
            edit = QPlainTextEdit("\n".join(values))
            box.addWidget(edit)
            cols.addLayout(box)
            self.edits[key] = edit
        self.message = QLabel(f"允许施工时间：{reno.noise_hours_text(ctx)}（休息日以工作日历为准）")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(cols)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def save(self) -> None:
        try:
            for key, edit in self.edits.items():
                reno.put_list_setting(self.env.ctx, key, edit.toPlainText().splitlines())
        except Exception as exc:  # noqa: BLE001
            self.message.setText(error_text(exc))
            self.message.setStyleSheet("color:#c62828;")
            return
        self.accept()
