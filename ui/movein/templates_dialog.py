"""The site's move-in templates (客服主管 and above): the checklist (group, item, required,
to whom it applies) and the inspection (rooms × items). New handovers use them; existing
handovers keep their lists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from app import movein as mi
from ui.shared.common import UiEnv, error_text


class TemplatesDialog(QDialog):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.setWindowTitle("入伙模板设置")
        self.resize(760, 560)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["分组", "项目", "必需", "适用"])
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 100)
        self.table.setColumnWidth(1, 320)
        self.table.setColumnWidth(3, 130)
        for item in mi.checklist_template(env.ctx):
            self._add_row(item)
        add = QPushButton("增加一行(&A)")
        add.clicked.connect(lambda: self._add_row(None))
        remove = QPushButton("删除所选行(&D)")
        remove.clicked.connect(self._remove_row)
        up = QPushButton("上移")
        up.clicked.connect(lambda: self._move(-1))
        down = QPushButton("下移")
        down.clicked.connect(lambda: self._move(1))
        row = QHBoxLayout()
        for b in (add, remove, up, down):
            row.addWidget(b)
        row.addStretch(1)
        checklist = QWidget()
        cl = QVBoxLayout(checklist)
        cl.addWidget(QLabel("“适用”决定哪些接收人需要这一项：业主或受托人 / 受托人 / 租户 / 转售（二手房，非租户） / 全部。"))
        cl.addWidget(self.table, 1)
        cl.addLayout(row)

        self.rooms = QPlainTextEdit(mi.inspection_template_text(mi.inspection_template(env.ctx)))
        inspection = QWidget()
        il = QVBoxLayout(inspection)
        il.addWidget(QLabel("每行一个房间：房间：检查项、检查项……（办理时可为多出的房间“增加房间”，如 卧室2）"))
        il.addWidget(self.rooms, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(checklist, "入伙清单")
        self.tabs.addTab(inspection, "验房项目")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#c62828")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _add_row(self, item: mi.TemplateItem | None) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        group = QComboBox()
        group.addItems([g.value for g in mi.ChecklistGroup])
        applies = QComboBox()
        applies.addItems([a.value for a in mi.Applies])
        required = QTableWidgetItem()
        required.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        required.setCheckState(Qt.CheckState.Checked if (item is None or item.required) else Qt.CheckState.Unchecked)
        if item is not None:
            group.setCurrentText(item.group)
            applies.setCurrentText(item.applies)
        self.table.setCellWidget(r, 0, group)
        self.table.setItem(r, 1, QTableWidgetItem(item.item if item else ""))
        self.table.setItem(r, 2, required)
        self.table.setCellWidget(r, 3, applies)
        if item is None:
            self.table.setCurrentCell(r, 1)
            self.table.editItem(self.table.item(r, 1))

    def _remove_row(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)

    def _move(self, delta: int) -> None:
        r = self.table.currentRow()
        target = r + delta
        if r < 0 or not 0 <= target < self.table.rowCount():
            return
        items = self.items()
        items[r], items[target] = items[target], items[r]
        self.table.setRowCount(0)
        for it in items:
            self._add_row(it)
        self.table.setCurrentCell(target, 1)

    def items(self) -> list[mi.TemplateItem]:
        out = []
        for r in range(self.table.rowCount()):
            text = self.table.item(r, 1).text() if self.table.item(r, 1) else ""
            out.append(mi.TemplateItem(self.table.cellWidget(r, 0).currentText(), text,
                                       self.table.item(r, 2).checkState() == Qt.CheckState.Checked,
                                       self.table.cellWidget(r, 3).currentText()))
        return out

    def save(self) -> None:
        try:
            rooms = mi.parse_inspection_template_text(self.rooms.toPlainText())
            mi.save_checklist_template(self.env.ctx, self.items())
            mi.save_inspection_template(self.env.ctx, rooms)
        except Exception as exc:  # noqa: BLE001 - shown in the dialog
            self.message.setText(error_text(exc))
            return
        self.accept()
