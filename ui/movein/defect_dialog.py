"""Register a defect found at the joint inspection: 部位, 检查项, 问题描述, 严重程度, 责任方,
整改期限 and optional photos."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QListWidget, QPlainTextEdit,
    QPushButton, QVBoxLayout, QWidget,
)

from app import movein as mi
from ui.shared.common import Dialogs


class DefectDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, rooms: list[str], items: list[str], responsible: list[str],
                 room: str | None = None, item: str | None = None, deadline: date | None = None):
        super().__init__(parent)
        self.setWindowTitle("登记缺陷")
        self.room = QComboBox()
        self.room.setEditable(True)
        self.room.addItems(rooms)
        self.item = QComboBox()
        self.item.setEditable(True)
        self.item.addItems(items)
        if room:
            self.room.setCurrentText(room)
        if item:
            self.item.setCurrentText(item)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText("如：客厅东墙面开裂约 30 cm")
        self.description.setMinimumHeight(70)
        self.severity = QComboBox()
        self.severity.addItems([s.value for s in mi.DefectSeverity])
        self.severity.setCurrentText(mi.DefectSeverity.NORMAL.value)
        self.responsible = QComboBox()
        self.responsible.setEditable(True)
        self.responsible.addItems([""] + responsible)
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        d = deadline or date.today() + timedelta(days=15)
        self.deadline.setDate(QDate(d.year, d.month, d.day))
        self.photos = QListWidget()
        self.photos.setMaximumHeight(60)
        add = QPushButton("添加照片(&P)…")
        add.clicked.connect(self._add_photo)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photos, 1)
        photo_row.addWidget(add)

        form = QFormLayout()
        form.addRow("部位(&W)", self.room)
        form.addRow("检查项(&I)", self.item)
        form.addRow("问题描述(&D)", self.description)
        form.addRow("严重程度(&S)", self.severity)
        form.addRow("责任方(&R)", self.responsible)
        form.addRow("整改期限(&L)", self.deadline)
        form.addRow("照片", photo_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("登记")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.message = QLabel()
        self.message.setStyleSheet("color:#c62828")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.description.setFocus()

    def _add_photo(self) -> None:
        path = Dialogs.open_file(self, "选择缺陷照片", "图片 (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.heic)")
        if path:
            self.photos.addItem(path)

    def _accept(self) -> None:
        if not self.description.toPlainText().strip():
            self.message.setText("问题描述：必填，不能为空")
            self.description.setFocus()
            return
        self.accept()

    def values(self) -> dict:
        q = self.deadline.date()
        return {
            "room": self.room.currentText(),
            "item": self.item.currentText(),
            "description": self.description.toPlainText(),
            "severity": self.severity.currentText(),
            "responsible": self.responsible.currentText() or None,
            "deadline": date(q.year(), q.month(), q.day()),
            "photos": [self.photos.item(i).text() for i in range(self.photos.count())],
        }
