"""转告: messages for staff members who are absent. Pending ones (any date) and today's,
a quick form for a new message, and 已转告 with the time for the selected one."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCompleter, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.reception import RelayStatus
from ui.shared.common import Dialogs, UiEnv

PENDING = QColor("#b26a00")


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


class RelayPanel(QWidget):
    changed = Signal()

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.messages = []
        layout = QVBoxLayout(self)
        form = QHBoxLayout()
        self.to_staff = QLineEdit()
        self.to_staff.setPlaceholderText("转告给")
        self.message = QLineEdit()
        self.message.setPlaceholderText("转告内容")
        self.from_person = QLineEdit()
        self.from_person.setPlaceholderText("来电/来访人")
        self.from_phone = QLineEdit()
        self.from_phone.setPlaceholderText("对方电话")
        self.add_button = QPushButton("登记转告")
        for w, stretch in ((self.to_staff, 1), (self.message, 3), (self.from_person, 1), (self.from_phone, 1)):
            form.addWidget(w, stretch)
        form.addWidget(self.add_button)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        layout.addWidget(self.error)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("relay_table")
        self.table.setHorizontalHeaderLabels(["登记时间", "转告给", "内容", "来电/来访人", "电话", "状态", "转告时间"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.pass_button = QPushButton("标记已转告（Enter）")
        buttons.addStretch(1)
        buttons.addWidget(self.pass_button)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add)
        for w in (self.to_staff, self.message, self.from_person, self.from_phone):
            w.returnPressed.connect(self.add)
        self.pass_button.clicked.connect(self.mark_selected)
        self.table.itemActivated.connect(lambda _item: self.mark_selected())
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.add,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        try:
            from app import reception

            self.to_staff.setCompleter(QCompleter(reception.staff_names(env.ctx), self))
        except Exception:  # a convenience only
            pass

    def refresh(self) -> None:
        from app import reception

        today = self.env.ctx.now().date()
        self.messages = reception.list_messages(self.env.ctx, date_from=today, date_to=today)
        self.table.setRowCount(len(self.messages))
        for i, m in enumerate(self.messages):
            values = [_when(m.received_at), m.to_staff, m.message, m.from_person, m.from_phone or "", m.status,
                      _when(m.passed_on_at) + (f" {m.passed_on_by}" if m.passed_on_by else "")]
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                if m.status == RelayStatus.PENDING:
                    item.setForeground(QBrush(PENDING))
                if j == 2:
                    item.setToolTip(m.message)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    @property
    def pending_count(self) -> int:
        return sum(1 for m in self.messages if m.status == RelayStatus.PENDING)

    def add(self) -> None:
        from app.domain.errors import FrontDeskError
        from app import reception

        self.error.clear()
        try:
            reception.create_message(self.env.ctx, to_staff=self.to_staff.text(), message=self.message.text(),
                                     from_person=self.from_person.text(), from_phone=self.from_phone.text())
        except FrontDeskError as exc:
            self.error.setText(str(exc))
            return
        for w in (self.to_staff, self.message, self.from_person, self.from_phone):
            w.clear()
        self.to_staff.setFocus()
        self.refresh()
        self.changed.emit()

    def mark_selected(self) -> None:
        from app import reception

        row = self.table.currentRow()
        if not (0 <= row < len(self.messages)):
            return
        m = self.messages[row]
        if m.status != RelayStatus.PENDING:
            return
        try:
            reception.mark_passed_on(self.env.ctx, m.uuid, expected_version=m.version)
        except Exception as exc:
            Dialogs.error(self, exc)
        self.refresh()
        self.changed.emit()
