"""Who did what to a record, oldest first (read-only)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget


def _value(v) -> str:
    return "" if v is None else str(v)


class HistoryDialog(QDialog):
    def __init__(self, title: str, events, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        lines = []
        for e in events:
            head = f"{e.at:%Y-%m-%d %H:%M} {e.actor} {e.action}" + (f"：{e.note}" if e.note else "")
            lines.append(head)
            before, after = e.before or {}, e.after or {}
            if e.action not in ("新建", "登记工单", "报修转工单"):
                for key in after:
                    if key in ("updated_at", "updated_by", "version"):
                        continue
                    lines.append(f"    {key}：{_value(before.get(key))} → {_value(after.get(key))}")
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, 420)
