"""The logged-in staff member's pending 转告 messages, shown after logging in."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from ui.shared.common import Dialogs, UiEnv


class PendingMessagesDialog(QDialog):
    def __init__(self, env: UiEnv, messages, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.messages = list(messages)
        self.setWindowTitle("您有待转告的留言")
        self.resize(720, 320)
        layout = QVBoxLayout(self)
        name = env.actor.name if env.actor else ""
        self.title = QLabel(f"{name}，有 {len(self.messages)} 条留言转告给您：")
        self.title.setObjectName("pending_title")
        layout.addWidget(self.title)
        self.table = QTableWidget(len(self.messages), 4)
        self.table.setHorizontalHeaderLabels(["登记时间", "来电/来访人", "电话", "内容"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for i, m in enumerate(self.messages):
            for j, value in enumerate([f"{m.received_at:%m-%d %H:%M}", m.from_person, m.from_phone or "",
                                       m.message]):
                self.table.setItem(i, j, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.read_button = QPushButton("已收到（标记为已转告）")
        self.later_button = QPushButton("稍后再看")
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.read_button)
        layout.addLayout(buttons)
        self.read_button.clicked.connect(self.mark_all)
        self.later_button.clicked.connect(self.reject)
        self.read_button.setDefault(True)

    def mark_all(self) -> None:
        from app import reception

        failed = []
        for m in self.messages:
            try:
                reception.mark_passed_on(self.env.ctx, m.uuid, expected_version=m.version)
            except Exception as exc:  # e.g. someone marked it meanwhile
                failed.append(exc)
        if failed:
            Dialogs.error(self, failed[0])
        self.accept()
