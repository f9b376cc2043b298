"""发布告知: kind, title, text, target (all households, buildings, a list of units) and channels."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from app import desk
from ui.shared.common import UiEnv
from ui.shared.form_dialog import FormDialog, TextArea, combo


class NoticeDialog(FormDialog):
    MIN_WIDTH = 560

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__("发布告知", parent, save_text="发布")
        self.env = env
        self.set_intro("重要告知须逐户确认：发布后按房屋逐户电话或上门确认，并登记确认人。")
        self.kind = self.add_row("类型", combo([k.value for k in desk.NoticeKind]), "kind")
        self.title = self.add_row("标题", QLineEdit(), "title")
        self.body = self.add_row("告知内容", TextArea(6), "body")
        self.target = self.add_row("范围", combo([t.value for t in desk.NoticeTarget]), "target")
        self.targets = self.add_row("楼栋或房号", QLineEdit(), "targets")
        self.targets.setPlaceholderText("多个用“；”或空格分隔，如 3；5 或 3-2-1502 3-2-1602")
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.channels = []
        for c in desk.NoticeChannel:
            check = QCheckBox(c.value)
            check.setChecked(c == desk.NoticeChannel.BOARD)
            self.channels.append(check)
            row.addWidget(check)
        self.add_row("方式", box, "channels")
        self.kind.setFocus()

    def save(self):
        raw = self.targets.text().replace(";", " ").replace("；", " ").replace("、", " ").split()
        return desk.publish(self.env.ctx, kind=self.kind.currentText(), title=self.title.text(),
                            body=self.body.text(), target=self.target.currentText(), targets=raw,
                            channels=[c.text() for c in self.channels if c.isChecked()])
